locals {
  plain      = "no interpolation"
  escapes    = "tab\tnewline\nquote\"backslash\\ unicode \u00e9 \U0001F600"
  dollar     = "literal $${x} and %%{y}"
  interp     = "${var.a}-${var.b}"
  passthru   = "${var.only}"
  directive  = "%{ if var.enabled }on%{ else }off%{ endif }"
  for_dir    = "%{ for ip in var.ips }${ip},%{ endfor }"
  strip      = "a ${~ var.x ~} b"
  nested     = "outer ${"inner ${var.x}"}"
  multi_line_interp = "${
    var.x
  }"
  lone_dollar = "costs $5 and 100%"
}
