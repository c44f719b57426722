.class public Lcom/appaudit/demo/network/PrivacyDialog;
.super Ljava/lang/Object;
.source "PrivacyDialog.java"

# The consent action: the dialog's accept button calls onAgree().

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public onAgree()V
    .registers 5
    sget-object v0, Lcom/appaudit/demo/network/NetApp;->sContext:Landroid/content/Context;
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
    invoke-static {v0}, Lcom/appaudit/demo/network/Startup;->afterConsent(Landroid/content/Context;)V
    return-void
.end method
