.class public Lcom/appaudit/demo/clean/Startup;
.super Ljava/lang/Object;
.source "Startup.java"

# Everything that collects data starts here, after the user accepted the privacy policy.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static afterConsent(Landroid/content/Context;)V
    .registers 6
    const-string v0, "60a1b2c3d4e5f60718293a4b"
    const-string v1, "official"
    const/4 v2, 0x1
    const/4 v3, 0x0
    invoke-static {p0, v0, v1, v2, v3}, Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)V
    invoke-static {p0}, Lcom/appaudit/demo/clean/WeatherLocator;->locate(Landroid/content/Context;)Ljava/lang/String;
    return-void
.end method
