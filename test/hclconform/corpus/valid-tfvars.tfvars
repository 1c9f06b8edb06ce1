region      = "eu"
trusted_ips = ["203.0.113.0/24"]
app_config = {
  LOG_LEVEL = "debug"
  WORKERS   = 4
}
enable_acm = true
# comment in tfvars
