.class public Lcom/igexin/sdk/PushService;
.super Landroid/app/Service;
.source "PushService.java"

# Getui's push service. Planted: each start reads the IMEI five times in a row (a "heartbeat" that
# re-reads the identifier instead of keeping it), then wakes another app's service (an associated start).

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Service;-><init>()V
    return-void
.end method

.method public onCreate()V
    .registers 3
    invoke-super {p0}, Landroid/app/Service;->onCreate()V
    const-string v0, "PushService"
    const-string v1, "onCreate"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method public onStartCommand(Landroid/content/Intent;II)I
    .registers 7
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    const/4 v1, 0x0
    :loop
    const/4 v2, 0x5
    if-ge v1, v2, :done
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    add-int/lit8 v1, v1, 0x1
    goto :loop
    :done
    invoke-direct {p0}, Lcom/igexin/sdk/PushService;->wakeOthers()V
    const/4 v0, 0x1
    return v0
.end method

# Starts WeChat's core service by explicit component; on a device this fails with a SecurityException
# for an unexported service, which is caught: the attempt is what counts.
.method private wakeOthers()V
    .registers 5
    new-instance v0, Landroid/content/Intent;
    invoke-direct {v0}, Landroid/content/Intent;-><init>()V
    new-instance v1, Landroid/content/ComponentName;
    const-string v2, "com.tencent.mm"
    const-string v3, "com.tencent.mm.booter.CoreService"
    invoke-direct {v1, v2, v3}, Landroid/content/ComponentName;-><init>(Ljava/lang/String;Ljava/lang/String;)V
    invoke-virtual {v0, v1}, Landroid/content/Intent;->setComponent(Landroid/content/ComponentName;)Landroid/content/Intent;
    :try_start_0
    invoke-virtual {p0, v0}, Landroid/content/Context;->startService(Landroid/content/Intent;)Landroid/content/ComponentName;
    :try_end_0
    .catch Ljava/lang/Throwable; {:try_start_0 .. :try_end_0} :catch_0
    return-void
    :catch_0
    move-exception v0
    return-void
.end method

.method public onBind(Landroid/content/Intent;)Landroid/os/IBinder;
    .registers 3
    const/4 v0, 0x0
    return-object v0
.end method
