.class public Lcom/appaudit/demo/aggressive/AggressiveApp;
.super Landroid/app/Application;
.source "AggressiveApp.java"

# Reads nothing itself: the planted behaviour is in the activity, the dialog answer and the SDKs.

.field public static sContext:Landroid/content/Context;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .registers 1
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    sput-object p0, Lcom/appaudit/demo/aggressive/AggressiveApp;->sContext:Landroid/content/Context;
    return-void
.end method
