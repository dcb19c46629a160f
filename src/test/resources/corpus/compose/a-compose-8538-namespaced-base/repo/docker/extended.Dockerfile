# docker/extended.Dockerfile
FROM neilyio/base
CMD cat /root/README.md
