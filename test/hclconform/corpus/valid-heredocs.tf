resource "heroku_app_release" "r" {
  app_id = "x"
  notes  = <<EOT
Plain heredoc with ${var.name} and a literal $${not_interpolated}
  indented line keeps its spaces
EOT
  script = <<-EOT
    #!/bin/sh
    echo "indented heredoc"
      deeper ${upper(var.name)}
    %{ if var.debug }set -x%{ endif }
    EOT
  empty = <<EOF
EOF
  marker_indented = <<EOF
closing marker may be indented
    EOF
  policy = <<-JSON
  {
    "Version": "2012-10-17"
  }
  JSON
  quotes_inside = <<EOT
"quotes" and # not a comment and // not either and /* nor this */
EOT
}

locals {
  banner = <<EOT
%{ for name in var.names ~}
hello ${name}
%{ endfor ~}
EOT
  after = "value after heredocs"
}
