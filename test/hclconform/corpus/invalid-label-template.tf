resource "heroku_app" "${var.name}" {
}
