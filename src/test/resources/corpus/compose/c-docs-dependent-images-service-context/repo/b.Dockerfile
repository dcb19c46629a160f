FROM service_a
# build service b
