{
  region = "eu"
}
