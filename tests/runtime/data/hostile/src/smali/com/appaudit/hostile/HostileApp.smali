.class public Lcom/appaudit/hostile/HostileApp;
.super Landroid/app/Application;
.source "HostileApp.java"

# Every attempt runs in Application.onCreate, before any consent: each is its own method with its own
# catch, so a refused attempt does not stop the next one.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .registers 1
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    invoke-static {}, Lcom/appaudit/hostile/Attempts;->execShell()V
    invoke-static {}, Lcom/appaudit/hostile/Attempts;->execGetprop()V
    invoke-static {}, Lcom/appaudit/hostile/Attempts;->processBuilder()V
    const-string v0, "/tmp/appaudit-hostile-write"
    invoke-static {v0}, Lcom/appaudit/hostile/Attempts;->write(Ljava/lang/String;)V
    const-string v0, "/var/tmp/appaudit-hostile-write"
    invoke-static {v0}, Lcom/appaudit/hostile/Attempts;->write(Ljava/lang/String;)V
    const-string v0, "/root/appaudit-hostile-write"
    invoke-static {v0}, Lcom/appaudit/hostile/Attempts;->write(Ljava/lang/String;)V
    const-string v0, "/etc/appaudit-hostile-write"
    invoke-static {v0}, Lcom/appaudit/hostile/Attempts;->write(Ljava/lang/String;)V
    const-string v0, "appaudit-hostile-scratch"
    invoke-static {v0}, Lcom/appaudit/hostile/Attempts;->write(Ljava/lang/String;)V
    invoke-static {}, Lcom/appaudit/hostile/Attempts;->connect()V
    invoke-static {}, Lcom/appaudit/hostile/Attempts;->macByName()V
    invoke-static {}, Lcom/appaudit/hostile/Attempts;->macAll()V
    const-string v0, "/sys/class/net/wlan0/address"
    invoke-static {v0}, Lcom/appaudit/hostile/Attempts;->read(Ljava/lang/String;)V
    const-string v0, "/sys/class/net/eth0/address"
    invoke-static {v0}, Lcom/appaudit/hostile/Attempts;->read(Ljava/lang/String;)V
    const-string v0, "/etc/hostname"
    invoke-static {v0}, Lcom/appaudit/hostile/Attempts;->read(Ljava/lang/String;)V
    const-string v0, "/etc/machine-id"
    invoke-static {v0}, Lcom/appaudit/hostile/Attempts;->read(Ljava/lang/String;)V
    const-string v0, "/proc/sys/kernel/random/boot_id"
    invoke-static {v0}, Lcom/appaudit/hostile/Attempts;->read(Ljava/lang/String;)V
    invoke-static {}, Lcom/appaudit/hostile/Attempts;->hostname()V
    invoke-static {}, Lcom/appaudit/hostile/Attempts;->environment()V
    invoke-static {}, Lcom/appaudit/hostile/Attempts;->serial()V
    return-void
.end method
