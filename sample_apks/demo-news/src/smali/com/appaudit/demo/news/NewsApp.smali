.class public Lcom/appaudit/demo/news/NewsApp;
.super Landroid/app/Application;
.source "NewsApp.java"

# Before consent only Umeng's preInit runs, which stores the app key and reads nothing.

.field public static sContext:Landroid/content/Context;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .registers 3
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    sput-object p0, Lcom/appaudit/demo/news/NewsApp;->sContext:Landroid/content/Context;
    const-string v0, "5f8e3c2b1a9d4e0012345678"
    const-string v1, "huawei"
    invoke-static {p0, v0, v1}, Lcom/umeng/commonsdk/UMConfigure;->preInit(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;)V
    return-void
.end method
