resource "heroku_app" "api" { name = "api" acm = true }
