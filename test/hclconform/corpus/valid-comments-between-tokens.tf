locals {
  a = /* a block comment
         over two lines */ "value"
  b = [
    1, # comment inside brackets
    2, // another
  ]
  c = ( # comment inside parentheses
    1 + 2
  )
}

resource "heroku_app" "x" /* inline */ {
  name = "x"
}
