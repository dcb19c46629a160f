
variable "CADDY_VERSION" {
  type = list(string)
  default = [
    "2.11.3",
  ]
}

target "caddy" {
  inherits = [ "dockerfiles" ]
  matrix = {
    version = CADDY_VERSION
  }
  name = "caddy-${sanitize(version)}"
  context = "caddy"
  args = {
    CADDY_BUILDER_VERSION = regex("^(\\d+\\.\\d+)", version)[0]
    CADDY_VERSION = version
    CADDY_TARGET = "caddy"
  }
  tags = concat(
    tags("caddy", version),
    tag_by_date("caddy"),
  )
}
