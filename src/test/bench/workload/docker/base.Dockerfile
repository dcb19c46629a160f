FROM lens-bench/app-3:v3
RUN echo "shared base"
