ARG BASE_IMAGE=my-base:latest
FROM ${BASE_IMAGE}
COPY . /app
