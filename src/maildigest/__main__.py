from maildigest.cli import main

main()
