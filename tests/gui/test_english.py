def test_english_interface(qapp, qtbot, demo_site_dir):
    from app.ui.login import LoginWindow
    from app.ui.main import setup_application

    setup_application(qapp, "en")
    try:
        w = LoginWindow(site_dir=str(demo_site_dir))
        qtbot.addWidget(w)
        assert w.windowTitle() == "ExamSite Site Manager — Log in"
        assert w.open_button.text() == "Open site"
    finally:
        setup_application(qapp, "zh_CN")
