output "portal_url" {
  value = "https://${heroku_domain.portal.hostname}"
}

output "portal_config" {
  value = heroku_app.portal.all_config_vars
}
