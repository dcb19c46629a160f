FROM a
RUN echo "2" > /two
