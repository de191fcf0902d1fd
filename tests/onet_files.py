"""Small invented files in the O*NET database's format (tab-separated, CRLF, a header row)."""

from pathlib import Path

HEADERS = {
    "Occupation Data.txt": ["O*NET-SOC Code", "Title", "Description"],
    "Alternate Titles.txt": ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
    "Sample of Reported Titles.txt": [
        "O*NET-SOC Code",
        "Reported Job Title",
        "Shown in My Next Move",
    ],
    "Technology Skills.txt": [
        "O*NET-SOC Code",
        "Example",
        "Commodity Code",
        "Commodity Title",
        "Hot Technology",
        "In Demand",
    ],
    "Related Occupations.txt": [
        "O*NET-SOC Code",
        "Related O*NET-SOC Code",
        "Relatedness Tier",
        "Index",
    ],
    "Task Statements.txt": [
        "O*NET-SOC Code",
        "Task ID",
        "Task",
        "Task Type",
        "Incumbents Responding",
        "Date",
        "Domain Source",
    ],
    "Job Zones.txt": ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"],
}
WEB = "15-9001.00"  # invented codes: no real O*NET rows in the repository
OPS = "15-9002.00"
SALES = "41-9003.00"
SOFTWARE = ("43230001", "Invented development software")
CRM = ("43230002", "Invented customer software")


def write(folder, name, rows, header=None):
    lines = ["\t".join(header or HEADERS[name])] + ["\t".join(map(str, row)) for row in rows]
    path = Path(folder) / name
    path.write_text("\r\n".join(lines) + "\r\n", encoding="ascii", newline="")
    return path


def technology(code, example, commodity=SOFTWARE, hot="N", demand="N"):
    return [code, example, commodity[0], commodity[1], hot, demand]


def small_onet(folder):
    """Three occupations with every file: the folder the tests import."""
    write(
        folder,
        "Occupation Data.txt",
        [
            [WEB, "Web Builders", "Design and build websites and web applications for clients."],
            [OPS, "Platform Keepers", "Keep software platforms running and deploy new releases."],
            [
                SALES,
                "Account Executive",
                "Sell subscriptions to companies and keep them as customers.",
            ],
        ],
    )
    write(
        folder,
        "Alternate Titles.txt",
        [
            [WEB, "Full Stack Developer", "n/a", "08"],
            [WEB, "Front End Web Developer", "Front End Dev", "10"],
            [OPS, "DevOps Engineer", "n/a", "08"],
            [OPS, "Site Reliability Engineer", "SRE", "08"],
        ],
    )
    write(
        folder,
        "Sample of Reported Titles.txt",
        [
            [WEB, "Web Developer", "Y"],
            [WEB, "full stack developer", "N"],
            [SALES, "Sales Rep", "Y"],
        ],
    )
    write(
        folder,
        "Task Statements.txt",
        [
            [WEB, 1, 'Write "clean" code for websites.', "Core", 50, "08/2023", "Incumbent"],
            [WEB, 2, "Test pages in several browsers.", "Core", 50, "08/2023", "Incumbent"],
            [WEB, 3, "Attend conferences.", "Supplemental", 50, "08/2023", "Incumbent"],
            [OPS, 4, "Deploy releases, roll back failed ones.", "n/a", "n/a", "08/2023", "Analyst"],
        ],
    )
    write(
        folder,
        "Job Zones.txt",
        [
            [WEB, 4, "08/2023", "Analyst"],
            [OPS, 4, "08/2023", "Analyst"],
            [SALES, 3, "08/2023", "Analyst"],
        ],
    )
    write(
        folder,
        "Related Occupations.txt",
        [
            [WEB, OPS, "Primary-Short", 1],
            [OPS, WEB, "Primary-Short", 1],
            [SALES, WEB, "Supplemental", 9],
        ],
    )
    write(
        folder,
        "Technology Skills.txt",
        [
            technology(WEB, "React", hot="Y", demand="Y"),
            technology(WEB, "React Native", hot="Y"),
            technology(WEB, "Microsoft Excel"),
            technology(OPS, "Kubernetes", hot="Y", demand="Y"),
            technology(OPS, "Amazon Web Services AWS software", hot="Y"),
            technology(OPS, "Microsoft Excel", hot="Y"),
            technology(SALES, "Salesforce software", CRM, hot="Y", demand="Y"),
            technology(SALES, "Salesforce.com Salesforce CRM", CRM),
            technology(SALES, "Microsoft Excel", hot="Y"),
        ],
    )
    return folder
