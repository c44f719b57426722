.class public Lcn/jpush/android/service/PushService;
.super Landroid/app/Service;
.source "SourceFile"

# Kept under its real name because the manifest names it (R8 keeps manifest components).

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
    .registers 6
    const-string v0, "PushService"
    const-string v1, "onStartCommand"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    const/4 v0, 0x1
    return v0
.end method

.method public onBind(Landroid/content/Intent;)Landroid/os/IBinder;
    .registers 3
    const/4 v0, 0x0
    return-object v0
.end method
