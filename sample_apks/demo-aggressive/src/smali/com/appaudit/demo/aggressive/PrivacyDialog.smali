.class public Lcom/appaudit/demo/aggressive/PrivacyDialog;
.super Ljava/lang/Object;
.source "PrivacyDialog.java"

# The dialog's two buttons: onAgree() (the consent action) and onDisagree(), which records the refusal
# and keeps the app in "basic mode" -- but nothing stops the Getui service the manifest declares.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public onAgree()V
    .registers 5
    sget-object v0, Lcom/appaudit/demo/aggressive/AggressiveApp;->sContext:Landroid/content/Context;
    const-string v1, "privacy"
    const/4 v2, 0x0
    invoke-virtual {v0, v1, v2}, Landroid/content/Context;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;
    move-result-object v1
    invoke-interface {v1}, Landroid/content/SharedPreferences;->edit()Landroid/content/SharedPreferences$Editor;
    move-result-object v1
    const-string v2, "agreed"
    const/4 v3, 0x1
    invoke-interface {v1, v2, v3}, Landroid/content/SharedPreferences$Editor;->putBoolean(Ljava/lang/String;Z)Landroid/content/SharedPreferences$Editor;
    move-result-object v1
    invoke-interface {v1}, Landroid/content/SharedPreferences$Editor;->apply()V
    invoke-static {v0}, Lcom/appaudit/demo/aggressive/Startup;->afterConsent(Landroid/content/Context;)V
    return-void
.end method

.method public onDisagree()V
    .registers 5
    sget-object v0, Lcom/appaudit/demo/aggressive/AggressiveApp;->sContext:Landroid/content/Context;
    const-string v1, "privacy"
    const/4 v2, 0x0
    invoke-virtual {v0, v1, v2}, Landroid/content/Context;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;
    move-result-object v1
    invoke-interface {v1}, Landroid/content/SharedPreferences;->edit()Landroid/content/SharedPreferences$Editor;
    move-result-object v1
    const-string v2, "agreed"
    const/4 v3, 0x0
    invoke-interface {v1, v2, v3}, Landroid/content/SharedPreferences$Editor;->putBoolean(Ljava/lang/String;Z)Landroid/content/SharedPreferences$Editor;
    move-result-object v1
    invoke-interface {v1}, Landroid/content/SharedPreferences$Editor;->apply()V
    const-string v1, "PrivacyDialog"
    const-string v2, "refused: basic mode"
    invoke-static {v1, v2}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
