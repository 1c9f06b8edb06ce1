resource "heroku_app" "api" {
  name =
  acm  = true
}
