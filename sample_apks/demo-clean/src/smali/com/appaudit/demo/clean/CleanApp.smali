.class public Lcom/appaudit/demo/clean/CleanApp;
.super Landroid/app/Application;
.source "CleanApp.java"

# Before consent only Umeng's preInit runs, which stores the app key and reads nothing.

.field public static sContext:Landroid/content/Context;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .registers 5
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    sput-object p0, Lcom/appaudit/demo/clean/CleanApp;->sContext:Landroid/content/Context;
    const-string v0, "60a1b2c3d4e5f60718293a4b"
    const-string v1, "official"
    invoke-static {p0, v0, v1}, Lcom/umeng/commonsdk/UMConfigure;->preInit(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;)V
    return-void
.end method
