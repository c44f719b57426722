.class public Lcom/appaudit/demo/preconsent/PreApp;
.super Landroid/app/Application;
.source "PreApp.java"

# Umeng is fully initialised here, in Application.onCreate: it reads the device identifiers
# before the privacy dialog has even been shown (the pattern MIIT's 164号 letter names first).

.field public static sContext:Landroid/content/Context;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .registers 5
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    sput-object p0, Lcom/appaudit/demo/preconsent/PreApp;->sContext:Landroid/content/Context;
    const-string v0, "61b2c3d4e5f60718293a4b5c"
    const-string v1, "xiaomi"
    const/4 v2, 0x1
    const/4 v3, 0x0
    invoke-static {p0, v0, v1, v2, v3}, Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)V
    return-void
.end method
