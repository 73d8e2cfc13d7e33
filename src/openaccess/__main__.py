from openaccess.cli import main

main()
