.class public Lcom/appaudit/demo/aggressive/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# Planted: the phone permission is requested in onCreate, before the privacy dialog is answered;
# every onResume pings a tracker with the Android ID (Beacon); onStop reports the page to TalkingData,
# which reads the Android ID while the app is in the background.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 5
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const/4 v0, 0x1
    new-array v0, v0, [Ljava/lang/String;
    const/4 v1, 0x0
    const-string v2, "android.permission.READ_PHONE_STATE"
    aput-object v2, v0, v1
    const/16 v1, 0x64
    invoke-virtual {p0, v0, v1}, Landroid/app/Activity;->requestPermissions([Ljava/lang/String;I)V
    const-string v0, "privacy"
    const/4 v1, 0x0
    invoke-virtual {p0, v0, v1}, Landroid/content/Context;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;
    move-result-object v0
    const-string v2, "agreed"
    invoke-interface {v0, v2, v1}, Landroid/content/SharedPreferences;->getBoolean(Ljava/lang/String;Z)Z
    move-result v0
    if-eqz v0, :show_dialog
    invoke-static {p0}, Lcom/appaudit/demo/aggressive/Startup;->afterConsent(Landroid/content/Context;)V
    return-void
    :show_dialog
    const-string v0, "MainActivity"
    const-string v2, "showing privacy dialog"
    invoke-static {v0, v2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method protected onResume()V
    .registers 1
    invoke-super {p0}, Landroid/app/Activity;->onResume()V
    invoke-static {p0}, Lcom/appaudit/demo/aggressive/Beacon;->send(Landroid/content/Context;)I
    return-void
.end method

.method protected onStop()V
    .registers 2
    invoke-super {p0}, Landroid/app/Activity;->onStop()V
    const-string v0, "MainActivity"
    invoke-static {p0, v0}, Lcom/tendcloud/tenddata/TCAgent;->onPageEnd(Landroid/content/Context;Ljava/lang/String;)V
    return-void
.end method
