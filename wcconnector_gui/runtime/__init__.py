"""How the app lives on this computer: its folders, its log file, and secrets kept out of both."""
