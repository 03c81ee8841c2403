# Build the Windows installer: dist\TraiTel-Desktop-<version>-setup.exe
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-installer.ps1
#
# Needs Python 3.11+ (py launcher or python on PATH) and NSIS 3 (makensis on PATH, or in
# "C:\Program Files (x86)\NSIS"). Makes its own venv in build\win-venv, installs .[packaging],
# runs PyInstaller (dist\traitel-desktop), then makensis over packaging\windows\traitel-desktop.nsi.
# Signing plugs in where marked (signtool with your code-signing certificate).
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $Root

$Venv = Join-Path $Root "build\win-venv"
if (-not (Test-Path "$Venv\Scripts\python.exe")) {
    if (Get-Command python -ErrorAction SilentlyContinue) { python -m venv $Venv } else { py -3.11 -m venv $Venv }
}
$Python = "$Venv\Scripts\python.exe"
& $Python -m pip install -q --upgrade pip
& $Python -m pip install -q "$Root[packaging]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

$Version = & $Python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
& $Python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\traitel-desktop.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The frozen app must start and take its screenshots before we ship it.
$Shots = Join-Path $Root "build\win-shots"
Remove-Item -Recurse -Force $Shots -ErrorAction SilentlyContinue
$env:QT_QPA_PLATFORM = "offscreen"
$proc = Start-Process -FilePath "dist\traitel-desktop\traitel-desktop.exe" -ArgumentList "--demo", "--screenshots", $Shots -Wait -PassThru
Remove-Item Env:\QT_QPA_PLATFORM
if ($proc.ExitCode -ne 0) { throw "the frozen app failed (exit $($proc.ExitCode))" }
& $Python packaging\check_screenshots.py $Shots --min-count 6
if ($LASTEXITCODE -ne 0) { throw "screenshots look wrong" }

# SIGNING: signtool sign /fd SHA256 /tr <timestamp-url> /td SHA256 /f <cert.pfx> dist\traitel-desktop\traitel-desktop.exe

$MakeNsis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $MakeNsis) { $MakeNsis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
$Out = Join-Path $Root "dist\TraiTel-Desktop-$Version-setup.exe"
& $MakeNsis /V2 /WX "/DVERSION=$Version" "/DDIST=$Root\dist\traitel-desktop" "/DOUTFILE=$Out" packaging\windows\traitel-desktop.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }

# SIGNING: signtool sign /fd SHA256 /tr <timestamp-url> /td SHA256 /f <cert.pfx> $Out
Write-Host "build-installer: $Out"
