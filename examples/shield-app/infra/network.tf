# PHI lives only in this Shield Private Space.
resource "heroku_space" "secure" {
  name         = "${var.team}-phi"
  organization = var.team
  region       = var.region
  shield       = true
}

resource "heroku_space_inbound_ruleset" "secure" {
  space = heroku_space.secure.id

  dynamic "rule" {
    for_each = var.clinic_cidrs
    content {
      action = "allow"
      source = rule.value
    }
  }
}
