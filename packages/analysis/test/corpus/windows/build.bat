@echo off
rem Build script for the Windows installer.
set OUT=%USERPROFILE%\Desktop\reports-dist
set SIGNTOOL="C:\Program Files (x86)\Windows Kits\10\bin\signtool.exe"
set LEGACY_PROFILE=C:\Documents and Settings\hugo\Local Settings\Temp
set NSIS=C:\Users\hugo\scoop\apps\nsis\current\makensis.exe
set PUBLIC_OUT=C:\Users\All Users\Reports
set DEFAULT_OUT=C:\Documents and Settings\Default User\Reports
"%NSIS%" /DOUT="%OUT%" installer.nsi
