team = "acme-claims"
env  = "prod"
