.class public Lcom/appaudit/demo/preconsent/Startup;
.super Ljava/lang/Object;
.source "Startup.java"

# After consent there is nothing left to start: Umeng already ran in PreApp.onCreate.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static afterConsent(Landroid/content/Context;)V
    .registers 3
    const-string v0, "Startup"
    const-string v1, "privacy policy accepted"
    invoke-static {v0, v1}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
