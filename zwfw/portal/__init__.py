"""portal: the public site cluster (county portal and sub-sites), the user centre and the staff shell."""
