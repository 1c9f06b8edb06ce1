# hash comment
// double-slash comment
/* block comment */
/*
  multi-line
  block comment
*/
resource "heroku_app" "c" { # trailing hash
  name = "c" // trailing slashes
  /* inline */ region = "us"
  stack = /* between */ "heroku-24"
  acm = true /* after value */
}
#no space
//no space
