"""Services: what the screens and the command line ask for, decided and saved here."""
