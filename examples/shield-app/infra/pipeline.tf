resource "heroku_pipeline" "records" {
  name = "records"
}

resource "heroku_review_app_config" "records" {
  pipeline_id           = heroku_pipeline.records.id
  org_repo              = "acme-health/patient-records"
  automatic_review_apps = true
  base_name             = "records-review"
  destroy_stale_apps    = true
  stale_days            = 5
  wait_for_ci           = true

  deploy_target {
    id   = var.region
    type = "region"
  }
}
