resource "heroku_app_release" "r" {
  notes = <<EOT
this heredoc never ends
}
