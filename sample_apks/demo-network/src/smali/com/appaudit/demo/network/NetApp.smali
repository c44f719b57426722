.class public Lcom/appaudit/demo/network/NetApp;
.super Landroid/app/Application;
.source "NetApp.java"

# Nothing is read before consent: the SDKs start in Startup.afterConsent.

.field public static sContext:Landroid/content/Context;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .registers 1
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    sput-object p0, Lcom/appaudit/demo/network/NetApp;->sContext:Landroid/content/Context;
    return-void
.end method
