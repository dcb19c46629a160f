
FROM base_image  
# `base_image` doesn't resolve to an actual image. This is used to point to a named additional context

# build service b
