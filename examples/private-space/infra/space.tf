resource "heroku_space" "main" {
  name         = local.space_name
  organization = var.team
  region       = "virginia"
}

resource "heroku_space_inbound_ruleset" "main" {
  space = heroku_space.main.id

  dynamic "rule" {
    for_each = local.allowed_sources
    content {
      action = "allow"
      source = rule.value
    }
  }
}
