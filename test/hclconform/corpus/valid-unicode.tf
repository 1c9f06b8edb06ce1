locals {
  café     = "crème brûlée"
  名前      = "日本語の文字列"
  emoji    = "deploy 🚀 ${var.état}"
  ключ     = { "ключ" = "значение", "😀" = "v" }
  mixed-id = "hyphens are allowed in identifiers"
  _under   = "leading underscore"
}

resource "heroku_app" "ünïcödé" {
  name = "app-ü"
  config_vars = {
    GREETING = "¡Hola, señor!"
  }
}
