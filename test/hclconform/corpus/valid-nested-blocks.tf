resource "heroku_pipeline" "p" {
  name = "p"

  owner {
    id   = "00000000-0000-0000-0000-000000000000"
    type = "team"
  }
}

resource "heroku_space_inbound_ruleset" "r" {
  space = "s"

  rule {
    action = "allow"
    source = "0.0.0.0/0"
  }

  rule {
    action = "deny"
    source = "10.0.0.0/8"
  }

  dynamic "rule" {
    for_each = toset(["1.2.3.4/32"])
    iterator = cidr
    content {
      action = "allow"
      source = cidr.value
    }
  }
}

resource "x" "y" {
  level1 {
    level2 {
      level3 {
        value = 3
      }
    }
  }

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [config_vars]
  }
}

module "m" {
  source = "./modules/app"
  count  = 2
  name   = "app-${count.index}"
}

data "heroku_space" "existing" {
  name = "shared"
}

unlabeled {
}

three "label" "blocks" "here" {
}

ident_label foo bar {
}
