.class public Lcn/jpush/android/api/JPushInterface;
.super Ljava/lang/Object;
.source "JPushInterface.java"

# JPush (极光推送) entry point: registers the device with its IMEI and reports the installed apps.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static init(Landroid/content/Context;)V
    .registers 4
    invoke-static {p0}, Lcn/jpush/android/helper/DeviceHelper;->getImei(Landroid/content/Context;)Ljava/lang/String;
    move-result-object v0
    const-string v1, "JPushInterface"
    invoke-static {v1, v0}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    invoke-static {p0}, Lcn/jpush/android/helper/DeviceHelper;->getInstalledApps(Landroid/content/Context;)Ljava/lang/String;
    move-result-object v0
    invoke-static {v1, v0}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
