FROM alpine
RUN /bin/sh -c apk add --update --no-cache openssl
