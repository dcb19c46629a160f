variable "REGISTRY" {
  default = "localhost:5001/ghcr.io/nersc/interactem"
}

target "common" {
  args = {}
}