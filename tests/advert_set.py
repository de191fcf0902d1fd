"""Job adverts with the curated skills (fixtures/) a recruiter would tick reading each one.

Written in the voice of real adverts, traps included: "excel at", "go the extra mile", "R&D",
"lead the team", "swift", "react quickly", "PRs", "sourcing" meaning candidates. ``expected``
holds the skills each advert asks for by name or by an alias or synonym a recruiter would map
(and nothing it merely implies). ``tests/test_extract_quality.py`` holds the reader to precision
and recall of at least 0.8 over the whole set; ``bench/extract_quality.py`` prints the figures
per advert.
"""

ADVERTS = [
    {
        "name": "data analyst",
        "text": """Data Analyst – Retail Insights (hybrid, Leeds)

We're a fast-growing retailer and our insights team is looking for a Data Analyst who will
excel at turning messy data into clear stories. You'll join a friendly team of six and work
closely with buyers, merchandisers and our R&D group.

What you'll do
• Write SQL against our Snowflake data warehouse to answer questions from across the business
• Build and maintain Power BI dashboards used by 300 store managers
• Run A/B tests on promotions and explain the results to non-technical colleagues
• Present findings to senior stakeholders; strong stakeholder management is a must

What we're looking for
- Advanced Excel (pivot tables, lookups); experience with Python or R is a plus
- A good grasp of statistics and data visualisation
- You go the extra mile to check your numbers before they leave the team
""",
        "expected": [
            "sql",
            "snowflake",
            "power-bi",
            "ab-testing",
            "stakeholder-management",
            "microsoft-excel",
            "python-programming",
            "r-programming",
            "statistical-analysis",
            "data-visualisation",
        ],
    },
    {
        "name": "backend Go engineer",
        "text": """Senior Backend Engineer (Go)

Are you a go-getter who wants to lead the way on a payments platform? Our backend is written
in Go and runs on Kubernetes in AWS. We are looking for an engineer with 5+ years of backend
experience, at least two of them in Go.

You will:
- Design and build microservices that process millions of transactions a day
- Own our PostgreSQL schemas and Kafka event streams
- Improve our CI/CD pipelines (GitHub Actions) and review PRs from the team
- Take part in system design discussions and an on-call rota

Nice to have: Docker, Terraform, gRPC, experience with observability tools such as Grafana.
We value people who go above and beyond for customers.""",
        "expected": [
            "go-programming",
            "kubernetes",
            "aws",
            "microservices",
            "postgresql",
            "apache-kafka",
            "ci-cd",
            "github-actions",
            "code-review",
            "system-design",
            "docker",
            "terraform",
            "observability",
        ],
    },
    {
        "name": "registered nurse",
        "text": """Registered Nurse – Acute Medical Unit, Band 5

Our 28-bed acute medical unit is looking for compassionate nurses to join the team. You will
carry out patient assessments on admission, plan and deliver care, and administer medicines
safely (medication administration competency is completed in your first month).

Key responsibilities:
* Triage of patients arriving from the emergency department
* Venepuncture and cannulation once trained
* Wound care and pressure area care
* Keeping accurate records on our electronic patient record (EPR)
* Following infection prevention and control policies at all times

You will hold current NMC registration and Basic Life Support (BLS) training. A swift,
calm response in emergencies matters here.""",
        "expected": [
            "patient-assessment",
            "medication-administration",
            "triage",
            "phlebotomy",
            "wound-care",
            "electronic-health-records",
            "infection-prevention",
            "basic-life-support",
        ],
    },
    {
        "name": "talent acquisition partner",
        "text": """Talent Acquisition Partner (12-month contract)

We're hiring a Talent Acquisition Partner to run end-to-end recruitment for our engineering
and product teams. You'll partner with hiring managers, write job adverts that sound like us,
and source great people using Boolean search on LinkedIn and GitHub.

You'll bring:
• Experience running structured interviews and training interviewers
• Confident use of an applicant tracking system (we use Greenhouse)
• A feel for employer branding and candidate experience
• Great stakeholder management with senior leaders

Bonus points for experience with diversity and inclusion initiatives and for executive search.""",
        "expected": [
            "talent-acquisition",
            "boolean-sourcing",
            "structured-interviewing",
            "applicant-tracking-systems",
            "employer-branding",
            "stakeholder-management",
            "diversity-inclusion",
            "executive-search",
        ],
    },
    {
        "name": "enterprise account executive",
        "text": """Enterprise Account Executive – SaaS

Join our sales team selling a data platform to FTSE 250 companies. You will own a
territory of 40 named accounts and a quota of £1.2m ARR.

Day to day you will prospect into new logos, run discovery and product demos with our
solutions engineers, and negotiate multi-year contracts with procurement teams. We run
MEDDPICC for qualification and expect accurate pipeline management and weekly sales
forecasting in Salesforce.

You have 4+ years of B2B sales experience, ideally enterprise sales of software, and a
consultative selling style. We will help you lead from the front.""",
        "expected": [
            "sales-prospecting",
            "sales-demos",
            "contract-negotiation",
            "meddic",
            "pipeline-management",
            "sales-forecasting",
            "salesforce",
            "b2b-sales",
            "enterprise-sales",
            "consultative-selling",
        ],
    },
    {
        "name": "management accountant",
        "text": """Management Accountant

A growing manufacturer is looking for a qualified (ACCA/CIMA) Management Accountant to join
its finance team of eight.

Responsibilities
1. Prepare monthly management accounts and lead the month-end close
2. Own the annual budgeting process and quarterly forecasting with budget holders
3. Build financial models to support investment decisions
4. Product costing and variance analysis for three factories
5. Support the external audit and IFRS reporting for the group

Requirements: strong Excel skills, experience with SAP, and the confidence to challenge
operational managers. We'd love someone who can excel at explaining numbers simply.""",
        "expected": [
            "management-accounting",
            "month-end-close",
            "budgeting",
            "forecasting",
            "financial-modelling",
            "cost-accounting",
            "financial-audit",
            "ifrs",
            "microsoft-excel",
            "sap-erp",
        ],
    },
    {
        "name": "digital marketing manager",
        "text": """Digital Marketing Manager

You'll lead our performance marketing across search, social and email. The role covers SEO,
paid search in Google Ads, paid social, and our email marketing programme in HubSpot.

We'd like you to have:
- Hands-on experience with Google Analytics 4 and marketing attribution
- A test-and-learn mindset: you've run A/B testing on landing pages
- Solid copywriting and content marketing skills
- Experience briefing our PR agency is helpful

You will report to the Head of Marketing and manage a budget of £800k. This is a great role
for someone who wants to lead generation programmes end to end.""",
        "expected": [
            "seo",
            "google-ads",
            "social-media-marketing",
            "email-marketing",
            "hubspot",
            "google-analytics",
            "marketing-analytics",
            "ab-testing",
            "copywriting",
            "content-marketing",
            "public-relations",
            "ppc-advertising",
        ],
    },
    {
        "name": "product designer",
        "text": """Product Designer (UX/UI)

We design tools for GPs and practice staff. As a Product Designer you'll work in a
cross-functional squad, from discovery to delivery.

What you'll do:
- Plan and run user research and usability testing with clinicians
- Sketch flows, build interactive prototypes in Figma and hand them over to engineers
- Contribute components to our design system
- Make sure what we ship meets WCAG 2.2 AA: accessibility is not optional

You should have a portfolio that shows strong interaction design and UI design, and some
experience with information architecture for complex content.""",
        "expected": [
            "user-research",
            "usability-testing",
            "prototyping",
            "figma",
            "design-systems",
            "web-accessibility",
            "interaction-design",
            "ui-design",
            "information-architecture",
            "ux-design",
        ],
    },
    {
        "name": "policy adviser",
        "text": """Policy Adviser – International Trade

The department is recruiting a Policy Adviser to support negotiations at the World Trade
Organization. You will provide policy analysis on tariff proposals, draft ministerial
briefings at short notice and prepare positions for multilateral negotiations.

You will build relationships with other governments and with business groups, so strong
stakeholder management and cross-cultural communication are essential. Knowledge of
diplomatic protocol and experience in government relations would be an advantage. Some
travel is required; the postholder may also lead on public consultation exercises.""",
        "expected": [
            "policy-analysis",
            "policy-briefing",
            "multilateral-negotiation",
            "stakeholder-management",
            "cross-cultural-communication",
            "diplomatic-protocol",
            "government-relations",
            "public-consultation",
        ],
    },
    {
        "name": "site reliability engineer",
        "text": """Site Reliability Engineer

Our platform team keeps a busy marketplace fast and available. As an SRE you will:

• Manage infrastructure as code with Terraform across AWS and Azure
• Run and tune our Kubernetes clusters
• Build CI/CD pipelines in GitHub Actions and Jenkins
• Improve monitoring and alerting (Prometheus, Grafana) and lead incident response
• Automate the boring parts with Python and Bash

You know Linux administration inside out and you're comfortable being on call. Experience
with Ansible is a plus.""",
        "expected": [
            "site-reliability-engineering",
            "infrastructure-as-code",
            "terraform",
            "aws",
            "microsoft-azure",
            "kubernetes",
            "ci-cd",
            "github-actions",
            "jenkins",
            "observability",
            "incident-response",
            "python-programming",
            "linux-administration",
            "ansible",
        ],
    },
    {
        "name": "supply chain planner",
        "text": """Supply Chain Planner

Reporting to the Planning Manager, you'll balance supply and demand for 2,000 SKUs across
two warehouses.

Responsibilities:
- Run the monthly S&OP cycle and prepare the demand plan with sales
- Demand forecasting using statistical methods and market intelligence
- Inventory management: set safety stock levels and reduce obsolete stock
- Work with suppliers on lead times and performance (supplier management)

About you: you're at home in SAP and Excel, and you've used Lean or Six Sigma tools to
improve a process. Spring into action when a shipment is late!""",
        "expected": [
            "sales-and-operations-planning",
            "demand-planning",
            "inventory-management",
            "supplier-management",
            "sap-erp",
            "microsoft-excel",
            "lean",
            "six-sigma",
        ],
    },
    {
        "name": "mobile developer",
        "text": """Mobile Developer – iOS and Android

We're building a banking app used by half a million people. You'll write Swift for iOS and
Kotlin for Android, and help us decide whether to move some features to React Native.

What we need:
- Solid experience with REST APIs and GraphQL
- Git, code reviews and unit testing (we practise TDD)
- Experience with automated end-to-end tests on devices

We react quickly to customer feedback and ship every two weeks. A swift, friendly
interview process: two stages, no take-home test.""",
        "expected": [
            "swift",
            "kotlin",
            "react-native",
            "rest-api-design",
            "graphql",
            "git",
            "code-review",
            "unit-testing",
            "end-to-end-testing",
        ],
    },
    {
        "name": "financial crime analyst",
        "text": """Financial Crime Compliance Analyst

Join the second line of defence at a digital bank. You will review customer due diligence
files, carry out KYC refreshes and escalate suspicious activity under our anti-money
laundering procedures. You'll also handle sanctions screening alerts and support our
annual enterprise risk management review.

You'll need a solid understanding of regulatory compliance in UK financial services and of
data protection rules (UK GDPR). ICA qualifications are welcome.""",
        "expected": [
            "aml-kyc",
            "sanctions-compliance",
            "enterprise-risk-management",
            "regulatory-compliance",
            "data-protection",
        ],
    },
    {
        "name": "HR generalist",
        "text": """HR Generalist

A 400-person charity is looking for an HR Generalist. You will advise managers on employee
relations cases (ER), absence and disciplinaries, keep our HRIS (Workday) accurate, and run
new starter onboarding.

You will also support the annual performance review process, payroll queries and our
learning and development calendar. Up-to-date knowledge of UK employment law is essential;
CIPD Level 5 preferred.""",
        "expected": [
            "employee-relations",
            "hris",
            "employee-onboarding",
            "performance-management",
            "payroll",
            "learning-development",
            "employment-law",
        ],
    },
]
