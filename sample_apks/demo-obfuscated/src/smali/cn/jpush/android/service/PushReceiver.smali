.class public Lcn/jpush/android/service/PushReceiver;
.super Landroid/content/BroadcastReceiver;
.source "SourceFile"

# Kept under its real name because the manifest names it (R8 keeps manifest components).

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/content/BroadcastReceiver;-><init>()V
    return-void
.end method

.method public onReceive(Landroid/content/Context;Landroid/content/Intent;)V
    .registers 4
    const-string v0, "onReceive"
    invoke-static {v0}, La/b/d/a;->b(Ljava/lang/String;)V
    return-void
.end method
