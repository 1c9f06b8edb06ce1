resource "heroku_app" "crlf" {
  name   = "crlf"
  region = "us"
  notes  = <<EOT
line one
line two
EOT

  organization {
    name = "o" # comment
  }
}

locals {
  m = {
    a = 1
    b = 2
  }
}
