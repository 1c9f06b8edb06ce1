locals {
  app_name   = "${var.team}-portal-${var.env}"
  space_name = "${var.team}-${var.env}"
  # Partners reach the portal from anywhere during the pilot.
  allowed_sources = concat(var.office_cidrs, ["0.0.0.0/0"])
}
