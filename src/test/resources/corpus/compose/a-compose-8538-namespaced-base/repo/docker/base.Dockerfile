# docker/base.Dockerfile
FROM scratch
COPY README.md /root/README.md
