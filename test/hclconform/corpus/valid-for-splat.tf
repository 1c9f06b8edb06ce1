locals {
  upper_names = [for n in var.names : upper(n)]
  with_index  = [for i, n in var.names : "${i}:${n}" if n != ""]
  as_map      = { for n in var.names : n => length(n) }
  grouped     = { for k, v in var.items : v.group => k... }
  filtered    = { for k, v in var.items : k => v if v.enabled }
  multi_line = [
    for app in heroku_app.all :
    app.name
    if app.acm
  ]
  ids          = heroku_app.all[*].id
  names        = heroku_app.all.*.name
  nested_splat = var.things[*].tags[0]
  splat_index  = var.things.*.ports[1]
}
