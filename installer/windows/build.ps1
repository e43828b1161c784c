# Build ExamSite for Windows on a Windows build machine (Python 3.11 x64 and Inno Setup 6 installed):
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Produces dist\ExamSite\ (one folder) and installer\windows\Output\ExamSite-Setup-<version>.exe
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.\.venv\Scripts\python -m pip install --upgrade pip
.\.venv\Scripts\python -m pip install -e ".[build]"
$version = (.\.venv\Scripts\python -c "import app; print(app.__version__)").Trim()
.\.venv\Scripts\pyinstaller installer\examsite.spec --noconfirm --distpath dist --workpath build
& .\dist\ExamSite\examsite.exe --version
if ($LASTEXITCODE -ne 0) { throw "the built program does not start" }
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
& $iscc "/DAppVersion=$version" installer\windows\examsite.iss
